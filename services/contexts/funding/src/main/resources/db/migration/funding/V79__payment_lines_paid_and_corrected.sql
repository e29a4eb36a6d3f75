-- A line is paid (its date and the funder's reference), or, once paid, corrected by a line of its own (negative
-- amount) that names the line it corrects.
alter table payment_line
    add column paid_on           date,
    add column payment_reference varchar(100),
    add column corrects          varchar(120);
create index payment_line_paid_idx on payment_line (paid_on);
