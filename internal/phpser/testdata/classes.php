<?php
// Classes shared by the PHP cross-check scripts (see php_test.go).

enum Suit { case Hearts; case Spades; }

// Foo is a legacy Serializable class: serialize() gives C:3:"Foo":N:{raw}.
// unserialize() also decodes the payload (unless it starts with '#'), so that
// PHP numbers the values in it, as real Serializable classes (ArrayObject
// before 7.4) do.
class Foo implements Serializable {
    public $raw;
    function __construct($raw = '') { $this->raw = $raw; }
    function serialize() { return $this->raw; }
    function unserialize($data) {
        $this->raw = $data;
        if ($data === '' || $data[0] !== '#') {
            @unserialize($data);
        }
    }
}

// Priv has a private, a protected and a public property, in that order.
class Priv {
    private $a = 1;
    protected $b = 'x';
    public $c = [1];
}

// refpair returns [1, 2, &first]: serialize() writes R: for the third.
function refpair() {
    $a = [1, 2];
    $a[2] = &$a[0];
    return $a;
}

// lines returns the base64-decoded lines of stdin.
function lines() {
    $out = [];
    while (($line = fgets(STDIN)) !== false) {
        $out[] = base64_decode(trim($line));
    }
    return $out;
}
