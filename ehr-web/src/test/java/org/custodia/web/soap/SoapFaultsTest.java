package org.custodia.web.soap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Method;
import java.util.HashSet;
import java.util.Set;

import jakarta.xml.ws.WebFault;
import jakarta.xml.ws.WebServiceException;

import org.custodia.kernel.Failure;
import org.custodia.kernel.ServiceException;
import org.custodia.web.rest.Problems;
import org.custodia.web.soap.contract.InvalidRequestFault;
import org.custodia.web.soap.contract.Problem;
import org.custodia.web.soap.contract.Records;
import org.junit.jupiter.api.Test;

class SoapFaultsTest {

    @Test
    void eachKindOfFailureIsItsOwnDeclaredFaultWithRestsProblem() throws Exception {
        Set<Class<?>> faults = new HashSet<>();
        for (Failure failure : Failure.values()) {
            Exception fault = SoapFaults.of(new Refusal(failure, "what went wrong"));
            assertTrue(fault.getClass().isAnnotationPresent(WebFault.class), failure + ": " + fault.getClass());
            assertTrue(faults.add(fault.getClass()), failure + " shares its fault with another kind");
            Problem problem = (Problem) fault.getClass().getMethod("getFaultInfo").invoke(fault);
            Problems.Kind kind = Problems.kind(failure);
            assertEquals("urn:custodia:problem:" + failure.problemType(), problem.getType());
            assertEquals(kind.status(), problem.getStatus());
            assertEquals(kind.title(), problem.getTitle());
            assertEquals("what went wrong", problem.getDetail());
            assertEquals(0, fault.getStackTrace().length, "no stack trace in a fault");
        }
        for (Method operation : Records.class.getMethods()) {
            assertEquals(faults, Set.of(operation.getExceptionTypes()),
                    operation.getName() + " declares every fault, as raise() assumes");
        }
    }

    @Test
    void invalidInputIsAnInvalidRequestFault() {
        Exception fault = SoapFaults.of(new IllegalArgumentException("patientId must be a patient id (a UUID)"));
        InvalidRequestFault invalid = assertInstanceOf(InvalidRequestFault.class, fault);
        assertEquals("patientId must be a patient id (a UUID)", invalid.getFaultInfo().getDetail());
        assertNull(invalid.getFaultInfo().getRetryAfterSeconds());
    }

    @Test
    void anythingUnexpectedNamesOnlyAReference() {
        Exception fault = SoapFaults.of(new IllegalStateException("secret internal detail of org.custodia.x"));
        assertInstanceOf(WebServiceException.class, fault);
        assertFalse(fault.getMessage().contains("secret"), fault.getMessage());
        assertTrue(fault.getMessage().contains("reference"), fault.getMessage());
        assertNull(fault.getCause());
        assertEquals(0, fault.getStackTrace().length);
    }

    private static final class Refusal extends ServiceException {

        private static final long serialVersionUID = 1L;
        private final Failure failure;

        Refusal(Failure failure, String message) {
            super(message);
            this.failure = failure;
        }

        @Override
        public Failure failure() {
            return failure;
        }
    }
}
