<?php
echo 'Something went wrong';
