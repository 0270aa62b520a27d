<?php
echo 'This site is suspended';
