<?php
// Usage: php serialize.php values.php
// values.php returns an array of values; prints base64(serialize(v)) per value.
require __DIR__ . '/classes.php';
$vals = require $argv[1];
foreach ($vals as $v) {
    echo base64_encode(serialize($v)), "\n";
}
