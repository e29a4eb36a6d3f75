-- The requests sent list newest first a page at a time (issue 33): the next page starts after the last request shown.
create index information_request_sent_newest_idx on information_request_sent (requested_at desc, request_id desc);
