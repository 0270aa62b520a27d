<?php
/**
 * @Plugin Name: At Style
 * @Version: 3.1
 */
