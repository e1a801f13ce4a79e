-- Incremental crawling: the cache validators a page's server last sent, sent back as
-- If-None-Match / If-Modified-Since on the next fetch (a 304 then costs no parse and no blob).
ALTER TABLE pages ADD COLUMN IF NOT EXISTS etag text;
ALTER TABLE pages ADD COLUMN IF NOT EXISTS last_modified text;
