-- The mental health agency's client register (projection of ClientRegisteredEvent).
create table client_register (
    client_id     varchar(36)  not null,
    name          varchar(200) not null,
    bsn           char(9)      not null,
    date_of_birth date         not null,
    benefit       varchar(30)  not null,
    municipality  varchar(100) not null,
    registered_on date         not null,
    last_event_id varchar(255) not null,
    constraint client_register_pk primary key (client_id),
    constraint client_register_bsn_uk unique (bsn)
);
