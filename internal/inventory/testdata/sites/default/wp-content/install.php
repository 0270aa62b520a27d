<?php
function wp_install_defaults( $user_id ) {}
