<?php
// Reads 16-hex-digit IEEE 754 bit patterns on stdin; prints serialize() of each float.
while (($line = fgets(STDIN)) !== false) {
    echo serialize(unpack('E', hex2bin(trim($line)))[1]), "\n";
}
