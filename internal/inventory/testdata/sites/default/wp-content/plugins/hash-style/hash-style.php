<?php
# Plugin Name: Hash Style
# Version: 2.0
# Requires PHP: 8.1
# Requires at least: 6.0
