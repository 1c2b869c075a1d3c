package org.custodia.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Method;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

import jakarta.ws.rs.HttpMethod;
import jakarta.ws.rs.core.Application;
import jakarta.ws.rs.ext.Provider;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import org.custodia.web.nodeapi.NodeApi;
import org.custodia.web.nodeapi.SignedNodeCall;
import org.custodia.web.rest.CustodiaApi;
import org.junit.jupiter.api.Test;

/**
 * The staff API and the node API list their classes, so that neither serves the other's endpoints: a staff resource
 * under {@code /node-api} would escape HTTP Basic, a node resource under {@code /api} would be a second address for
 * signed calls. A resource or provider neither lists would not be served at all.
 */
class ApplicationsTest {

    private static final JavaClasses WEB = new ClassFileImporter().importPath(Path.of("target", "classes"));

    private final List<Application> applications = List.of(new CustodiaApi(), new NodeApi());

    @Test
    void everyResourceBelongsToExactlyOneApplication() {
        for (JavaClass resource : WEB.stream().filter(type -> type.isAnnotatedWith(jakarta.ws.rs.Path.class))
                .toList()) {
            long listedBy = applications.stream()
                    .filter(application -> application.getClasses().contains(resource.reflect())).count();
            assertEquals(1, listedBy, resource.getName() + " is listed by " + listedBy + " applications");
        }
    }

    @Test
    void everyProviderIsListed() {
        for (JavaClass provider : WEB.stream().filter(type -> type.isAnnotatedWith(Provider.class)).toList()) {
            assertTrue(applications.stream()
                            .anyMatch(application -> application.getClasses().contains(provider.reflect())),
                    provider.getName() + " is listed by no application");
        }
    }

    @Test
    void everyNodeApiEndpointNamesTheRolesThatMayCallIt() {
        for (Class<?> type : new NodeApi().getClasses()) {
            if (!type.isAnnotationPresent(jakarta.ws.rs.Path.class)) {
                continue;
            }
            for (Method method : type.getMethods()) {
                boolean endpoint = Arrays.stream(method.getAnnotations())
                        .anyMatch(annotation -> annotation.annotationType().isAnnotationPresent(HttpMethod.class));
                assertTrue(!endpoint || method.isAnnotationPresent(SignedNodeCall.class)
                        || type.isAnnotationPresent(SignedNodeCall.class), type.getName() + "." + method.getName());
            }
        }
    }
}
