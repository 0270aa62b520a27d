<?php
return new class extends WP_Fatal_Error_Handler {};
