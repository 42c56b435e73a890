"""Reading the web: a polite and safe HTTP client, robots.txt, feeds, sitemaps and WARC archives."""
