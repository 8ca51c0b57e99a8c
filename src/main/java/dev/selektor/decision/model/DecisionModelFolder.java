package dev.selektor.decision.model;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/** Reads every {@code *.dmn} of a folder as a campaign model; all problems of all files are reported together. */
public final class DecisionModelFolder {

    private DecisionModelFolder() {}

    public static Map<String, DecisionModel> load(Path directory, DecisionModelCompiler compiler) {
        if (!Files.isDirectory(directory)) {
            throw new FolderException("The decision model folder " + directory.toAbsolutePath() + " does not exist");
        }
        List<Path> files;
        try (Stream<Path> list = Files.list(directory)) {
            files = list.filter(p -> p.getFileName().toString().endsWith(".dmn"))
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new FolderException("Cannot list " + directory.toAbsolutePath() + ": " + e.getMessage());
        }
        Map<String, DecisionModel> models = new TreeMap<>();
        List<String> failures = new ArrayList<>();
        for (Path file : files) {
            String fileName = file.getFileName().toString();
            String expectedName = fileName.substring(0, fileName.length() - ".dmn".length());
            try {
                DecisionModel model = compiler.compile(fileName, Files.readAllBytes(file), false);
                if (!model.name().equals(expectedName)) {
                    failures.add("Decision model " + fileName + " is rejected:\n  - ERROR definitions: its name is \""
                            + model.name() + "\" but the file is named " + fileName + "; name the file <name>.dmn");
                } else {
                    models.put(model.name(), model);
                }
            } catch (ModelRejectedException e) {
                failures.add(e.getMessage());
            } catch (IOException e) {
                failures.add("Decision model " + fileName + " cannot be read: " + e.getMessage());
            }
        }
        if (!failures.isEmpty()) {
            throw new FolderException(String.join("\n", failures));
        }
        return models;
    }

    public static class FolderException extends RuntimeException {
        public FolderException(String message) {
            super(message);
        }
    }
}
