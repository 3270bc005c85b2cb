import type { FdoExample } from './types';

export const loginWindow: FdoExample = {
  id: 'login-window',
  title: 'Sign-on window',
  description: 'A modal window asking for a screen name and a password, with Sign On and Help buttons.',
  source: `uni_start_stream <00x>
  man_start_object <ind_group, "Welcome to AtomForge Online">
    mat_orientation <vcf>
    mat_position <center_center>
    mat_bool_modal <yes>
    man_start_object <ornament, "">
      mat_font_size <12>
      mat_font_style <bold>
      man_append_data <"Please sign on with your screen name.">
    man_start_sibling <edit_view, "Screen Name:">
      mat_size <16, 1, 16>
      mat_relative_tag <1>
      mat_title_pos <left | center>
      mat_title_width <12>
      mat_bool_vertical_scroll <no>
    man_start_sibling <edit_view, "Password:">
      mat_size <16, 1, 8>
      mat_relative_tag <2>
      mat_title_pos <left | center>
      mat_title_width <12>
      mat_bool_protected_input <yes>
    man_start_sibling <org_group, "">
      mat_orientation <hcf>
      man_start_object <trigger, "Sign On">
        mat_bool_default <yes>
        act_replace_select_action
            <
            uni_start_stream <00x>
            de_ez_send_form <"Ls">
            >
        man_start_sibling <trigger, "Help">
          act_replace_select_action
              <
              uni_start_stream <00x>
              sm_send_k1 <8-1201>
              >
          man_end_object
        man_end_object
        man_update_display
      uni_end_stream <00x>
`,
};
