<?php
echo 'Back soon';
