<?php
/*
Plugin Name: Zero Version
Version:0
Requires PHP: 0
*/
