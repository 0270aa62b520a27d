<?php
/**
 * Plugin Name: WPD Legacy Tools
 * Description: A harmless lab plugin with an odd folder name.
 * Version: 1.0.0
 * Requires PHP: 7.4
 * Author: wpdoctor lab
 */

defined( 'ABSPATH' ) || exit;
function wpd_legacy_tools_version() { return '1.0'; }
