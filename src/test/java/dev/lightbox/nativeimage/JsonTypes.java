package dev.lightbox.nativeimage;

import java.io.IOException;
import java.lang.annotation.Annotation;
import java.lang.reflect.GenericArrayType;
import java.lang.reflect.Method;
import java.lang.reflect.Parameter;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletionStage;
import java.util.stream.Stream;

import jakarta.ws.rs.HttpMethod;
import jakarta.ws.rs.core.Response;

import org.jboss.resteasy.reactive.RestResponse;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;

/**
 * The types of ours that our JAX-RS methods and exception mappers read or write as JSON, found by reflection over the
 * compiled classes: return types and body parameters, unwrapped from Uni, RestResponse and collections, and the
 * types of their record components, recursively. A raw {@link Response} return hides its entity from the build.
 */
record JsonTypes(Set<String> types, List<String> hiddenBodies) {

    private static final String OURS = "dev.lightbox.";

    static JsonTypes scan(Path classes) throws IOException {
        JsonTypes found = new JsonTypes(new TreeSet<>(), new ArrayList<>());
        try (Stream<Path> files = Files.walk(classes)) {
            for (Path file : files.filter(path -> path.toString().endsWith(".class")).toList()) {
                String name = classes.relativize(file).toString().replace('/', '.').replaceAll("\\.class$", "");
                if (name.startsWith(OURS) && !name.contains(".localstack.")) {
                    found.scanClass(load(name));
                }
            }
        }
        return found;
    }

    private static Class<?> load(String name) {
        try {
            return Class.forName(name, false, JsonTypes.class.getClassLoader());
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException(e);
        }
    }

    private void scanClass(Class<?> type) {
        for (Method method : type.getDeclaredMethods()) {
            boolean endpoint = Stream.of(method.getAnnotations())
                    .anyMatch(annotation -> annotation.annotationType().isAnnotationPresent(HttpMethod.class));
            if (endpoint || method.isAnnotationPresent(ServerExceptionMapper.class)) {
                String where = type.getSimpleName() + "." + method.getName();
                collect(method.getGenericReturnType(), where);
                for (Parameter parameter : method.getParameters()) {
                    if (endpoint && isBody(parameter)) {
                        collect(parameter.getParameterizedType(), where);
                    }
                }
            }
        }
    }

    /** A parameter with no JAX-RS or Quarkus REST annotation is the request body. */
    private static boolean isBody(Parameter parameter) {
        for (Annotation annotation : parameter.getAnnotations()) {
            String name = annotation.annotationType().getName();
            if (name.startsWith("jakarta.ws.rs.") || name.startsWith("org.jboss.resteasy.reactive.")) {
                return false;
            }
        }
        return true;
    }

    private void collect(Type type, String where) {
        if (type instanceof ParameterizedType parameterized && parameterized.getRawType() instanceof Class<?> raw) {
            Type[] arguments = parameterized.getActualTypeArguments();
            if (Map.class.isAssignableFrom(raw)) {
                collect(arguments[1], where);
                return;
            }
            if (isWrapper(raw)) {
                for (Type argument : arguments) {
                    collect(argument, where);
                }
                return;
            }
            collect(raw, where);
            for (Type argument : arguments) {
                collect(argument, where);
            }
        } else if (type instanceof GenericArrayType array) {
            collect(array.getGenericComponentType(), where);
        } else if (type instanceof Class<?> plain) {
            if (plain == Response.class) {
                hiddenBodies.add(where + " returns a raw Response");
            } else if (plain.isArray()) {
                collect(plain.getComponentType(), where);
            } else if (plain.getName().startsWith(OURS) && !Throwable.class.isAssignableFrom(plain) && types.add(plain.getName())
                    && plain.isRecord()) {
                for (RecordComponent component : plain.getRecordComponents()) {
                    collect(component.getGenericType(), where);
                }
            }
        }
    }

    private static boolean isWrapper(Class<?> raw) {
        return raw == Uni.class || raw == Multi.class || CompletionStage.class.isAssignableFrom(raw)
                || raw == RestResponse.class || Collection.class.isAssignableFrom(raw) || raw == Optional.class;
    }
}
