package dev.palo.data.mini.world;

import java.awt.Graphics2D;
import java.awt.Polygon;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import javax.imageio.ImageIO;

/**
 * Draws a scene as a small PNG. Antialiasing is off and ImageIO's PNG writer adds no time or metadata chunks, so
 * the same scene gives the same bytes on the same JDK.
 */
public final class SceneImage {

    public static final int SIDE = 64;
    private static final int CELL = SIDE / 3;
    private static final int BACKGROUND = 0xF0F0F0;

    private SceneImage() {
    }

    public static byte[] png(Scene scene) {
        BufferedImage image = new BufferedImage(SIDE, SIDE, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_OFF);
            g.setColor(new java.awt.Color(BACKGROUND));
            g.fillRect(0, 0, SIDE, SIDE);
            for (SceneObject object : scene.objects()) {
                g.setColor(new java.awt.Color(object.colour().rgb()));
                draw(g, object);
            }
        } finally {
            g.dispose();
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(1024);
        try {
            if (!ImageIO.write(image, "png", out)) {
                throw new IllegalStateException("no PNG writer in this JDK");
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot encode scene image", e);
        }
        return out.toByteArray();
    }

    private static void draw(Graphics2D g, SceneObject object) {
        int side = object.size().pixels();
        int cx = object.region().column() * CELL + CELL / 2 + object.jitterX();
        int cy = object.region().row() * CELL + CELL / 2 + object.jitterY();
        int left = cx - side / 2;
        int top = cy - side / 2;
        switch (object.shape()) {
            case CIRCLE -> g.fillOval(left, top, side, side);
            case SQUARE -> g.fillRect(left, top, side, side);
            case TRIANGLE -> g.fillPolygon(new int[] {cx, left + side, left}, new int[] {top, top + side, top + side}, 3);
            case DIAMOND -> g.fillPolygon(new int[] {cx, left + side, cx, left}, new int[] {top, cy, top + side, cy}, 4);
            case STAR -> g.fillPolygon(star(cx, cy, side / 2.0));
        }
    }

    /** A five-pointed star whose points touch a circle of {@code radius}. */
    private static Polygon star(int cx, int cy, double radius) {
        Polygon star = new Polygon();
        for (int i = 0; i < 10; i++) {
            double r = i % 2 == 0 ? radius : radius * 0.45;
            double angle = -Math.PI / 2 + i * Math.PI / 5;
            star.addPoint((int) Math.round(cx + r * Math.cos(angle)), (int) Math.round(cy + r * Math.sin(angle)));
        }
        return star;
    }
}
