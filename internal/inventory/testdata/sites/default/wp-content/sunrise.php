<?php
// domain mapping
