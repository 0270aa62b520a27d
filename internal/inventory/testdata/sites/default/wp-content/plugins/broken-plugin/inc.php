<?php
function wpd_broken() {}
