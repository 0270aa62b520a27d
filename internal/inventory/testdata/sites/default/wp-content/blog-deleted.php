<?php
echo 'This site is gone';
