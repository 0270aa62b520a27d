<?php
define('S_SINGLE', 'it\'s a \\ backslash \n not newline');
define('S_DOUBLE', "a \"b\" \$c \x41 \u{1F600} \101 \t|\q");
define('S_INTERP', "db_$suffix");
define('S_INTERP2', "{$prefix}_db");
define('S_DOLLAR', "cost: $ 5");
define('S_CONCAT', 'wp' . '_' . "x");
define('N_INT', 42);
define('N_NEG', -7);
define('N_HEX', 0x1F);
define('N_OCT', 0755);
define('N_OCT81', 0o17);
define('N_BIN', 0b101);
define('N_SEP', 1_000_000);
define('N_FLOAT', 1.5);
define('N_NEGFLOAT', -0.25);
define('N_EXP', 1e3);
define('N_BIG', 9223372036854775808);
define('B_TRUE', TRUE);
define('B_FALSE', False);
define('B_NULL', NULL);
define('P_PAREN', ('x'));
define('P_INTCONCAT', 'v' . 2);
define('D_CONST', PHP_EOL);
define('D_MATH', 60 * 60);
define('D_HEREDOC', <<<EOT
plain
EOT);
DEFINE('UPPER_DEFINE', 1);
\define('FQ_DEFINE', 2);
$table_prefix = 'wp_';
