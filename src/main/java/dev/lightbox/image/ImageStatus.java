package dev.lightbox.image;

import jakarta.persistence.AttributeConverter;
import jakarta.persistence.Converter;

import com.fasterxml.jackson.annotation.JsonValue;

/** {@code pending}: a presigned upload was handed out; {@code ready}: the object was checked and may be served. */
public enum ImageStatus {
    PENDING("pending"),
    READY("ready");

    private final String wire;

    ImageStatus(String wire) {
        this.wire = wire;
    }

    @JsonValue
    public String wire() {
        return wire;
    }

    @Converter(autoApply = true)
    public static class Column implements AttributeConverter<ImageStatus, String> {
        @Override
        public String convertToDatabaseColumn(ImageStatus status) {
            return status == null ? null : status.wire;
        }

        @Override
        public ImageStatus convertToEntityAttribute(String value) {
            return value == null ? null : "ready".equals(value) ? READY : PENDING;
        }
    }
}
