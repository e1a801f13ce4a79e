-- certwatch schema v19: pictures are read by their own stage (the picture queue), after a page's
-- text is analysed: which pages still owe a picture read, and under which job, for the reconciler.

-- The picture job that owes this page's current content a read of its posts' pictures; NULL when
-- none is owed (read, or the content has no post whose pictures are read). Analysis sets it when
-- it marks the page analysed (a newer content's analysis replaces or clears it); the picture job
-- clears it, only where it still names that job. Several pages of one analyze batch share a job.
ALTER TABLE pages ADD COLUMN IF NOT EXISTS pictures_job text;
CREATE INDEX IF NOT EXISTS pages_pictures_owed_idx ON pages (id) WHERE pictures_job IS NOT NULL;

-- Known reads by image URL (the analyze stage's first look at a re-analysed post's pictures).
CREATE INDEX IF NOT EXISTS listing_images_url_idx ON listing_images (url);
