package dev.selektor.policy.drl;

import dev.selektor.policy.PolicyReason;
import dev.selektor.policy.PolicyRules;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.drools.model.codegen.ExecutableModelProject;
import org.kie.api.KieBase;
import org.kie.api.KieServices;
import org.kie.api.builder.KieBuilder;
import org.kie.api.builder.KieFileSystem;
import org.kie.api.builder.Message;
import org.kie.api.definition.rule.Rule;

/**
 * Compiles the DRL files of the repository's {@code rules/} folder. Only trusted files from the deployment are
 * compiled here; DRL is never accepted over HTTP because it can run arbitrary Java.
 */
public final class PolicyRulesLoader {

    private PolicyRulesLoader() {}

    public static PolicyRules load(Path directory) {
        if (!Files.isDirectory(directory)) {
            throw new PolicyRulesException("The policy rules folder " + directory.toAbsolutePath() + " does not exist");
        }
        List<Path> files;
        try (Stream<Path> list = Files.list(directory)) {
            files = list.filter(p -> p.getFileName().toString().endsWith(".drl"))
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (files.isEmpty()) {
            throw new PolicyRulesException(
                    "The policy rules folder " + directory.toAbsolutePath() + " holds no .drl file");
        }
        KieServices services = KieServices.get();
        KieFileSystem kfs = services.newKieFileSystem();
        for (Path file : files) {
            try {
                kfs.write("src/main/resources/selektor/policies/" + file.getFileName(), Files.readAllBytes(file));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        KieBuilder builder = services.newKieBuilder(kfs, PolicyRulesLoader.class.getClassLoader())
                .buildAll(ExecutableModelProject.class);
        List<Message> errors = builder.getResults().getMessages(Message.Level.ERROR);
        if (!errors.isEmpty()) {
            StringBuilder text = new StringBuilder("The policy rules in " + directory + " do not compile:");
            errors.forEach(m -> text.append("\n  ")
                    .append(m.getPath())
                    .append(" line ")
                    .append(m.getLine())
                    .append(": ")
                    .append(m.getText()));
            throw new PolicyRulesException(text.toString());
        }
        KieBase kieBase = services.newKieContainer(
                        services.getRepository().getDefaultReleaseId(), PolicyRulesLoader.class.getClassLoader())
                .getKieBase();
        List<PolicyRules.Policy> policies = new ArrayList<>();
        for (var pkg : kieBase.getKiePackages()) {
            for (Rule rule : pkg.getRules()) {
                Object declared = rule.getMetaData().get("reason");
                // The executable model keeps the quotes of @reason("CODE"); the classic compiler does not.
                String reason = declared == null
                        ? null
                        : declared.toString().replace("\"", "").strip();
                if (reason == null) {
                    throw new PolicyRulesException("Policy rule \"" + rule.getName()
                            + "\" has no @reason(\"CODE\") naming the exclusion it gives");
                }
                try {
                    policies.add(new PolicyRules.Policy(rule.getName(), PolicyReason.valueOf(reason)));
                } catch (IllegalArgumentException e) {
                    throw new PolicyRulesException("Policy rule \"" + rule.getName() + "\" declares @reason(\"" + reason
                            + "\"); known codes are " + List.of(PolicyReason.values()));
                }
            }
        }
        return new DrlPolicyRules(kieBase, policies);
    }

    public static class PolicyRulesException extends RuntimeException {
        public PolicyRulesException(String message) {
            super(message);
        }
    }
}
