package dev.lightbox.nativeimage;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.inject.Singleton;

import com.fasterxml.jackson.databind.BeanDescription;
import com.fasterxml.jackson.databind.DeserializationConfig;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationConfig;
import com.fasterxml.jackson.databind.deser.BeanDeserializerModifier;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.ser.BeanSerializerModifier;

import io.quarkus.jackson.ObjectMapperCustomizer;

/**
 * Records, while the in-process tests run, every type of ours that the application's ObjectMapper builds a
 * serializer or deserializer for: JAX-RS bodies, exception-mapper bodies, what Vert.x routes and the audit log write.
 * {@link NativeReadinessCheck} then requires each of them in the generated native-image configuration, since a type
 * that only ever meets Jackson through a raw entity or {@code writeValueAsString(Object)} is invisible at build time.
 */
@Singleton
public class JsonTypeRecorder implements ObjectMapperCustomizer {

    static final Path RECORD = Path.of("target", "native-readiness", "json-types.txt");
    private static final String OURS = "dev.lightbox.";

    private final Set<String> recorded = ConcurrentHashMap.newKeySet();

    public JsonTypeRecorder() {
        try {
            Files.createDirectories(RECORD.getParent());
            Files.deleteIfExists(RECORD);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void customize(ObjectMapper mapper) {
        SimpleModule module = new SimpleModule("json-type-recorder");
        module.setSerializerModifier(new BeanSerializerModifier() {
            @Override
            public JsonSerializer<?> modifySerializer(SerializationConfig config, BeanDescription bean, JsonSerializer<?> serializer) {
                record(bean.getBeanClass());
                return serializer;
            }
        });
        module.setDeserializerModifier(new BeanDeserializerModifier() {
            @Override
            public JsonDeserializer<?> modifyDeserializer(DeserializationConfig config, BeanDescription bean,
                    JsonDeserializer<?> deserializer) {
                record(bean.getBeanClass());
                return deserializer;
            }
        });
        mapper.registerModule(module);
    }

    private void record(Class<?> type) {
        if (type.getName().startsWith(OURS) && recorded.add(type.getName())) {
            try {
                Files.writeString(RECORD, type.getName() + "\n", StandardOpenOption.CREATE, StandardOpenOption.APPEND);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
