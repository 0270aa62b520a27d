<?php
header( 'HTTP/1.1 503 Service Unavailable' );
echo 'Database down';
