<?php
/* Plugin Name: Hidden MU */
