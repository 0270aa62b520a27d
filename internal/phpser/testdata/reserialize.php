<?php
// Reads base64 serialized values on stdin; for each prints
// base64(serialize(unserialize(value))), or "ERR" if PHP rejects it.
require __DIR__ . '/classes.php';
foreach (lines() as $s) {
    $v = @unserialize($s);
    if ($v === false && $s !== 'b:0;') {
        echo "ERR\n";
        continue;
    }
    echo base64_encode(serialize($v)), "\n";
}
