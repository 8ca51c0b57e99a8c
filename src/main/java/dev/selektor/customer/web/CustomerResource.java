package dev.selektor.customer.web;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.selektor.common.BusinessClock;
import dev.selektor.common.FieldError;
import dev.selektor.common.InvalidInputException;
import dev.selektor.common.NotFoundException;
import dev.selektor.common.Roles;
import dev.selektor.common.web.Problem;
import dev.selektor.customer.CustomerErased;
import dev.selektor.customer.CustomerFacts;
import dev.selektor.customer.CustomerFactsParser;
import dev.selektor.customer.CustomerFactsRepository;
import dev.selektor.customer.CustomerImport;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.InputStream;
import java.util.LinkedHashMap;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.jboss.logging.Logger;

@Path("/customers")
@Produces(MediaType.APPLICATION_JSON)
public class CustomerResource {
    private static final Logger LOG = Logger.getLogger(CustomerResource.class);

    @Inject
    CustomerFactsRepository customers;

    @Inject
    CustomerImport customerImport;

    @Inject
    BusinessClock clock;

    @Inject
    jakarta.enterprise.event.Event<CustomerErased> erased;

    @RolesAllowed({Roles.EDITOR, Roles.SERVICE})
    @PUT
    @Path("/{customerId}")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Create or replace one customer's facts")
    public CustomerView put(@PathParam("customerId") String customerId, JsonNode body) {
        checkId(customerId);
        if (body instanceof ObjectNode object) {
            JsonNode inBody = object.get("customerId");
            if (inBody == null || inBody.isNull()) {
                object.put("customerId", customerId);
            } else if (!inBody.isTextual() || !inBody.textValue().equals(customerId)) {
                throw new InvalidInputException(new FieldError(
                        "/customerId", "must equal the id in the path (" + customerId + "), got " + inBody));
            }
        }
        var parsed = CustomerFactsParser.parse(body, clock.today());
        if (parsed instanceof CustomerFactsParser.Result.Invalid invalid) {
            throw new InvalidInputException(invalid.errors().size() + " field(s) break the contract", invalid.errors());
        }
        CustomerFacts facts = ((CustomerFactsParser.Result.Valid) parsed).facts();
        customers.save(facts);
        return CustomerView.of(facts);
    }

    @RolesAllowed({Roles.VIEWER, Roles.EDITOR, Roles.APPROVER, Roles.SERVICE})
    @GET
    @Path("/{customerId}")
    @Operation(summary = "Read one customer's facts")
    public CustomerView get(@PathParam("customerId") String customerId) {
        checkId(customerId);
        return customers
                .find(customerId)
                .map(CustomerView::of)
                .orElseThrow(() -> new NotFoundException("There is no customer \"" + customerId + "\""));
    }

    @RolesAllowed(Roles.EDITOR)
    @DELETE
    @Path("/{customerId}")
    @Operation(summary = "Erase a customer (GDPR): facts, stored outcomes and unsent events")
    public Response delete(@PathParam("customerId") String customerId) {
        checkId(customerId);
        // Outcomes first: if the store fails midway, the facts are still there and the erasure can be repeated.
        erased.fire(new CustomerErased(customerId));
        if (!customers.delete(customerId)) {
            throw new NotFoundException("There is no customer \"" + customerId + "\"");
        }
        return Response.noContent().build();
    }

    @RolesAllowed({Roles.EDITOR, Roles.SERVICE})
    @POST
    @Path("/import")
    @Consumes({
        "application/x-ndjson",
        "application/jsonl",
        MediaType.TEXT_PLAIN,
        MediaType.APPLICATION_OCTET_STREAM,
        MediaType.APPLICATION_JSON
    })
    @Operation(
            summary = "Import customers from NDJSON, one customer per line",
            description =
                    "Good lines are stored even when others are bad; the answer names each bad line and field (the first 1,000).")
    public Response importCustomers(InputStream body) {
        try {
            return Response.ok(customerImport.importNdjson(body)).build();
        } catch (CustomerImport.Aborted e) {
            LOG.warn("Import stopped by the store: " + e.getMessage(), e.getCause());
            CustomerImport.Report soFar = e.soFar();
            Map<String, Object> problem = new LinkedHashMap<>();
            problem.put("type", "about:blank");
            problem.put("title", "Store unavailable");
            problem.put("status", 503);
            problem.put(
                    "detail",
                    "The data store failed during the import. " + soFar.imported()
                            + " lines were stored; the others were not. Importing is an upsert by customerId: send the file again.");
            problem.put("imported", soFar.imported());
            problem.put("rejected", soFar.rejected());
            problem.put("errors", soFar.errors());
            return Response.status(503)
                    .type(Problem.MEDIA_TYPE)
                    .header("Retry-After", "5")
                    .entity(problem)
                    .build();
        }
    }

    private static void checkId(String customerId) {
        if (!CustomerFactsParser.isCustomerId(customerId)) {
            throw new InvalidInputException(
                    new FieldError("/customerId", "must be 1-64 characters of A-Z a-z 0-9 _ -"));
        }
    }
}
