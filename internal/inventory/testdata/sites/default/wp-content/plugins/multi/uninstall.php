<?php
defined( 'WP_UNINSTALL_PLUGIN' ) || exit;
