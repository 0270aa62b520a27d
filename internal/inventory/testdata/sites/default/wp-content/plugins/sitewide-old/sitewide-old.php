<?php
/*
Plugin Name: Old Sitewide
Site Wide Only: TRUE
*/
