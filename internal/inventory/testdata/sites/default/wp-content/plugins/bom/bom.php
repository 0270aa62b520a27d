<?php
/*
Plugin Name: BOM Plugin
Version: 1.0
*/
