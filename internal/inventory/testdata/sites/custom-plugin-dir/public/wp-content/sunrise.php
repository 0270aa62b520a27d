<?php
// domain mapping for the network
