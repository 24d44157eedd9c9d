package dev.lightbox.image;

import java.util.Arrays;
import java.util.Locale;
import java.util.UUID;

import jakarta.persistence.AttributeConverter;
import jakarta.persistence.Converter;

import com.fasterxml.jackson.annotation.JsonValue;

/** Who may read an image; the level is also the first part of its object key, as in the Amplify Storage layout. */
public enum ImageLevel {
    PUBLIC,
    PROTECTED,
    PRIVATE;

    /** The name in JSON, in the database and in object keys. */
    @JsonValue
    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The level named {@code value} exactly as the contract spells it; null when there is none. */
    public static ImageLevel parse(String value) {
        return Arrays.stream(values()).filter(level -> level.wire().equals(value)).findFirst().orElse(null);
    }

    /** {@code public/{id}}, {@code protected/{owner}/{id}} or {@code private/{owner}/{id}}. */
    public String objectKey(String ownerId, UUID imageId) {
        return this == PUBLIC ? wire() + "/" + imageId : wire() + "/" + ownerId + "/" + imageId;
    }

    /**
     * A variant's key: beside the original's, {@code <original key>.<variant>}, so that it follows the original's level
     * (a sibling, not a child: a filesystem-backed store cannot hold both a file and a folder of one name).
     */
    public String variantKey(String ownerId, UUID imageId, String variant) {
        return objectKey(ownerId, imageId) + "." + variant;
    }

    @Converter(autoApply = true)
    public static class Column implements AttributeConverter<ImageLevel, String> {
        @Override
        public String convertToDatabaseColumn(ImageLevel level) {
            return level == null ? null : level.wire();
        }

        @Override
        public ImageLevel convertToEntityAttribute(String value) {
            return value == null ? null : parse(value);
        }
    }
}
