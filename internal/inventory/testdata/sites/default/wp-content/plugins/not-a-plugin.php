<?php
// A helper left at the top of the plugin folder.
function wpd_helper() {}
