-- Our side of a Cognito user: the set-once username and the time of the last global sign-out.
create table user_profile (
    id             varchar(64)  primary key,            -- Cognito sub
    username       varchar(30),
    created_at     timestamptz  not null default now(),
    signed_out_at  timestamptz                          -- tokens issued before this are refused
);

-- Usernames are unique whatever their case; the database decides, so two racing requests cannot both win.
create unique index user_profile_username_lower_key on user_profile (lower(username));
