<?php
// phase 1
