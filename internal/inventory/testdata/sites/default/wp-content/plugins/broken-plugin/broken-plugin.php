<?php
// The header was lost in a bad merge.
require __DIR__ . '/inc.php';
