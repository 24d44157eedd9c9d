-- Per-user usage and, where an admin set one, a limit of its own (null: the deployment's lightbox.quotas.*).
-- Usage counts every image row of the user, pending ones included: a presigned upload reserves its declared size when
-- it starts, so that its bytes can never land beyond the limit. Rows are added by a conditional update in the same
-- transaction as the image row (dev.lightbox.quota.Quotas), and released by the trigger below, so that every way an
-- image row goes (a delete, a user's removal, the clean-up of abandoned uploads) gives its bytes back exactly.
create table user_quota (
    user_id      varchar(64)  primary key,           -- Cognito sub
    used_bytes   bigint       not null default 0 check (used_bytes >= 0),
    used_images  integer      not null default 0 check (used_images >= 0),
    max_bytes    bigint       check (max_bytes >= 0),
    max_images   integer      check (max_images >= 0)
);

insert into user_quota (user_id, used_bytes, used_images)
select owner_id, sum(size), count(*) from image group by owner_id;

create function image_usage_released() returns trigger language plpgsql as $$
begin
    update user_quota set used_bytes = used_bytes - old.size, used_images = used_images - 1 where user_id = old.owner_id;
    return null;
end;
$$;

create trigger image_usage_released after delete on image for each row execute function image_usage_released();
