  <?PHP   /** Plugin Name: Upper Tag */
