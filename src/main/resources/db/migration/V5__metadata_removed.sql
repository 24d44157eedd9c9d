-- What the metadata stripper removed from an image's original, as the names of dev.lightbox.image.metadata.MetadataKind
-- separated by commas ('' when it found nothing); null when the bytes were stored as the client sent them (stripping
-- turned off, an upload not yet completed, or an image stored before this migration).
alter table image add column metadata_removed varchar(200);

-- A presigned upload reserves its declared size when it starts; once completed, its stored (stripped) object may be
-- smaller and the row's size is updated to it. Usage follows every change of a row's size, so that it stays the sum of
-- the stored sizes and the release on delete (image_usage_released) gives back exactly what is counted.
create function image_usage_resized() returns trigger language plpgsql as $$
begin
    update user_quota set used_bytes = used_bytes + new.size - old.size where user_id = new.owner_id;
    return null;
end;
$$;

create trigger image_usage_resized after update of size on image for each row when (new.size <> old.size)
    execute function image_usage_resized();
