<?php
/*
PLUGIN NAME: Shouty
version: 5
*/
