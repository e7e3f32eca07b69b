package io.wanstudio.simulator;

import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletRequestWrapper;
import java.io.IOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;

/**
 * Closes the TCP connection under a servlet request, for the simulator's connection faults. The Servlet API has
 * no way to do that (the container always finishes the answer), so this reaches, by reflection, the connection
 * of the container this app runs in: Payara 6, whose request facade ({@code org.apache.catalina.connector
 * .RequestFacade}) leads to Grizzly's request and its {@code org.glassfish.grizzly.Connection}. Grizzly's
 * {@code close()} is graceful: bytes already flushed still go out, then the peer sees the end of the stream.
 * Reflection, not a compile-time dependency: Payara does not expose these classes to applications, and the
 * simulator must still deploy elsewhere (there the faults answer with an error instead).
 */
final class ConnectionAbort {
    private ConnectionAbort() {
    }

    /**
     * Closes the connection of {@code request}; whatever the servlet writes afterwards goes nowhere.
     *
     * @throws IOException when this container offers no way to do it
     */
    static void close(ServletRequest request) throws IOException {
        Object current = request;
        while (current instanceof ServletRequestWrapper wrapper) {
            current = wrapper.getRequest();
        }
        try {
            // Payara: RequestFacade -> catalina Request -> Grizzly Request -> Grizzly Connection
            Object catalina = call(current, "getUnwrappedCoyoteRequest");
            Object grizzly = call(catalina, "getCoyoteRequest");
            Object connection = call(grizzly, "getConnection");
            call(connection, "closeSilently");
        } catch (ReflectiveOperationException | RuntimeException e) {
            throw new IOException("This server offers no way to close a connection from a servlet ("
                    + current.getClass().getName() + ")", e);
        }
    }

    /** Calls a public no-argument method through a public type that declares it (implementations may be hidden). */
    private static Object call(Object target, String name) throws ReflectiveOperationException {
        if (target == null) {
            throw new NoSuchMethodException(name + " on null");
        }
        Deque<Class<?>> types = new ArrayDeque<>();
        types.add(target.getClass());
        while (!types.isEmpty()) {
            Class<?> type = types.poll();
            if (Modifier.isPublic(type.getModifiers())) {
                try {
                    Method method = type.getMethod(name);
                    if (Modifier.isPublic(method.getDeclaringClass().getModifiers())) {
                        return method.invoke(target);
                    }
                } catch (NoSuchMethodException e) {
                    // not declared by this type: try its supertypes
                } catch (InvocationTargetException e) {
                    if (e.getCause() instanceof RuntimeException r) {
                        throw r;
                    }
                    throw e;
                }
            }
            if (type.getSuperclass() != null) {
                types.add(type.getSuperclass());
            }
            types.addAll(List.of(type.getInterfaces()));
        }
        throw new NoSuchMethodException(target.getClass().getName() + "." + name + "()");
    }
}
