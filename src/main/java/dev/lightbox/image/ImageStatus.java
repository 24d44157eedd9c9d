package dev.lightbox.image;

import java.util.Locale;

import jakarta.persistence.AttributeConverter;
import jakarta.persistence.Converter;

import com.fasterxml.jackson.annotation.JsonValue;

/** {@code pending}: a presigned upload was handed out; {@code ready}: the object was checked and may be served. */
public enum ImageStatus {
    PENDING,
    READY;

    /** The name in JSON and in the database. */
    @JsonValue
    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    @Converter(autoApply = true)
    public static class Column implements AttributeConverter<ImageStatus, String> {
        @Override
        public String convertToDatabaseColumn(ImageStatus status) {
            return status == null ? null : status.wire();
        }

        @Override
        public ImageStatus convertToEntityAttribute(String value) {
            return value == null ? null : valueOf(value.toUpperCase(Locale.ROOT));
        }
    }
}
