package dev.palo.infra.images;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.xpath.XPathConstants;
import javax.xml.xpath.XPathFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

/**
 * The image configuration's settings, checked in every build (the images themselves are built only with
 * {@code -Pimages}, which needs a registry and base images this build machine cannot reach): off by default,
 * non-root, labelled with the git commit, the names infra/terraform deploys, the workers' real entry point,
 * and a GPU image whose CUDA flavour is one the DJL binding on the classpath ships.
 */
class ImageSettingsTest {
    private static final Path REPO = Path.of(System.getProperty("palo.repo", "../.."));
    private static final String WORKER_MAIN = "dev.palo.activities.worker.WorkerMain";

    @Test
    void imagesAreBuiltOnlyOnRequest() throws Exception {
        for (String pom : new String[] {"pom.xml", "services/pom.xml", "infra/images/pom.xml"}) {
            Document doc = read(pom);
            Element profile = imagesProfile(doc, pom);
            assertNull(node(profile, "activation"), pom + ": the images profile must be activated only by -Pimages");
            assertEquals(0, nodes(doc, "/project/build/plugins/plugin[artifactId='jib-maven-plugin']").getLength(),
                    pom + ": Jib outside the images profile");
            assertEquals(0, nodes(doc, "/project/dependencies/dependency[artifactId='quarkus-container-image-jib']").getLength(),
                    pom + ": the Quarkus Jib extension outside the images profile");
        }
    }

    @Test
    void everyImageRunsAsNonRootAndCarriesTheCommit() throws Exception {
        Map<String, String> images = rootImageProperties();
        Matcher user = Pattern.compile("(\\d+):(\\d+)").matcher(images.get("palo.image.user"));
        assertTrue(user.matches(), "palo.image.user must be a numeric uid:gid, got " + images.get("palo.image.user"));
        assertTrue(Integer.parseInt(user.group(1)) >= 1000 && Integer.parseInt(user.group(2)) >= 1000,
                "images run as a non-root, non-system user, got " + images.get("palo.image.user"));
        Element root = imagesProfile(read("pom.xml"), "pom.xml");
        Element commit = (Element) node(root, "build/plugins/plugin[artifactId='buildnumber-maven-plugin']");
        assertNotNull(commit, "the root images profile resolves the commit");
        assertEquals("git.commit.id", text(commit, "configuration/buildNumberPropertyName"));
        assertEquals("true", text(commit, "configuration/doCheck"), "an image of uncommitted changes would carry a wrong commit");
        assertEquals("${git.commit.id}", rootImageProperties().get("palo.image.tag"));

        Element services = imagesProfile(read("services/pom.xml"), "services/pom.xml");
        assertNotNull(node(services, "dependencies/dependency[artifactId='quarkus-container-image-jib']"));
        assertEquals("${palo.image.user}", text(services, "properties/quarkus.jib.user"));
        assertEquals("${git.commit.id}", text(services, "properties/quarkus.jib.labels.org.opencontainers.image.revision"));
        assertEquals("${palo.image.jre}", text(services, "properties/quarkus.jib.base-jvm-image"));

        Element jib = jib();
        assertEquals("${palo.image.user}", text(jib, "configuration/container/user"));
        assertEquals("${git.commit.id}", text(jib, "configuration/container/labels/org.opencontainers.image.revision"));
        assertEquals("true", text(jib, "configuration/container/environment/DJL_OFFLINE"));
    }

    @Test
    void theNamesAreTheOnesTheDeploymentPulls() throws Exception {
        Map<String, String> images = rootImageProperties();
        assertEquals("palo-services", images.get("palo.image.services"));
        assertEquals("palo-worker", images.get("palo.image.worker"));
        assertEquals("palo-worker-gpu", images.get("palo.image.worker_gpu"));
        String config = Files.readString(REPO.resolve("infra/terraform/modules/palo/config.tf"));
        for (String name : new String[] {"palo-services", "palo-worker", "palo-worker-gpu"}) {
            assertTrue(config.contains("${var.image_registry}/" + name + ":${var.image_tag}"),
                    "infra/terraform deploys no image " + name);
        }
        Element services = imagesProfile(read("services/pom.xml"), "services/pom.xml");
        assertEquals("${palo.image.registry}/${palo.image.services}:${palo.image.tag}",
                text(services, "properties/quarkus.container-image.image"));
        assertEquals("${palo.image.registry}/${palo.image.worker}:${palo.image.tag}",
                text(execution("worker"), "configuration/to/image"));
        assertEquals("${palo.image.registry}/${palo.image.worker_gpu}:${palo.image.tag}",
                text(execution("worker-gpu"), "configuration/to/image"));
    }

    @Test
    void theWorkerImagesStartTheWorker() throws Exception {
        assertEquals(WORKER_MAIN, text(jib(), "configuration/container/mainClass"));
        Class<?> main = Class.forName(WORKER_MAIN); // on this module's classpath, as in the image
        assertNotNull(main.getMethod("main", String[].class));
        assertEquals("${palo.image.jre}", text(execution("worker"), "configuration/from/image"));
        assertEquals("${palo.image.gpu-base}", text(execution("worker-gpu"), "configuration/from/image"));
    }

    @Test
    void theGpuImageLoadsACudaLibtorchTheBindingSupports() throws Exception {
        Element env = (Element) node(execution("worker-gpu"), "configuration/container/environment");
        String flavor = text(env, "PYTORCH_FLAVOR");
        assertEquals("${pytorch.version}", text(env, "PYTORCH_VERSION"));
        assertNotNull(getClass().getClassLoader().getResource("jnilib/linux-x86_64/" + flavor + "/libdjl_torch.so"),
                "pytorch-jni on the classpath has no linux-x86_64 binding for flavour " + flavor);
        String dockerfile = Files.readString(REPO.resolve("infra/images/gpu-base/Dockerfile"));
        String pytorch = text(read("pom.xml").getDocumentElement(), "properties/pytorch.version");
        assertTrue(dockerfile.contains("ARG TORCH_VERSION=" + pytorch), "gpu-base installs another torch than " + pytorch);
        assertTrue(dockerfile.contains("whl/" + flavor), "gpu-base installs another CUDA build than " + flavor);
        assertTrue(dockerfile.contains(text(env, "PYTORCH_LIBRARY_PATH")), "gpu-base puts libtorch elsewhere");
        assertTrue(rootImageProperties().get("palo.image.gpu-base").endsWith("-" + flavor),
                "the GPU base image's tag names another flavour");
    }

    private static Map<String, String> rootImageProperties() throws Exception {
        Element props = (Element) node(imagesProfile(read("pom.xml"), "pom.xml"), "properties");
        Map<String, String> values = new TreeMap<>();
        NodeList children = props.getChildNodes();
        for (int i = 0; i < children.getLength(); i++) {
            if (children.item(i) instanceof Element e) {
                values.put(e.getTagName(), e.getTextContent().strip());
            }
        }
        return values;
    }

    private static Element jib() throws Exception {
        Element profile = imagesProfile(read("infra/images/pom.xml"), "infra/images/pom.xml");
        Element jib = (Element) node(profile, "build/plugins/plugin[artifactId='jib-maven-plugin']");
        assertNotNull(jib, "infra/images: no Jib in the images profile");
        return jib;
    }

    private static Element execution(String id) throws Exception {
        Element execution = (Element) node(jib(), "executions/execution[id='" + id + "']");
        assertNotNull(execution, "infra/images: no Jib execution " + id);
        return execution;
    }

    private static Element imagesProfile(Document doc, String pom) throws Exception {
        Element profile = (Element) node(doc, "/project/profiles/profile[id='images']");
        assertNotNull(profile, pom + ": no images profile");
        return profile;
    }

    private static Document read(String pom) throws Exception {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setNamespaceAware(false);
        return factory.newDocumentBuilder().parse(REPO.resolve(pom).toFile());
    }

    private static Node node(Object context, String path) throws Exception {
        return (Node) XPathFactory.newInstance().newXPath().evaluate(path, context, XPathConstants.NODE);
    }

    private static NodeList nodes(Object context, String path) throws Exception {
        return (NodeList) XPathFactory.newInstance().newXPath().evaluate(path, context, XPathConstants.NODESET);
    }

    private static String text(Object context, String path) throws Exception {
        Node found = node(context, path);
        assertNotNull(found, "missing " + path);
        return found.getTextContent().strip();
    }
}
