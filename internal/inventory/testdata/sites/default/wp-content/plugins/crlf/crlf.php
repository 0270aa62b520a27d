<?php
/**
 * Plugin Name: CRLF Plugin
 * Version: 1.2.3
 * Requires PHP: 7.2
 */
