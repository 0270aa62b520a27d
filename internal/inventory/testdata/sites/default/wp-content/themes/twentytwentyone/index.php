<?php get_header();
