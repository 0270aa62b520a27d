<?php /* Plugin Name: Closing  */ trailing words
/* Version: 4.0 ?> more */
