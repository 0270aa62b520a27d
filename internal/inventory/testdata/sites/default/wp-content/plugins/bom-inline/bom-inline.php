/* Plugin Name: BOM Before Header */
<?php
