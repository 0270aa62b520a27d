<?php /* Plugin Name: One Liner */
// Version: 0.9 ?>
